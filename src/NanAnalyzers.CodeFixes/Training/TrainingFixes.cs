using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using NanAnalyzers.Rules.Training;

namespace NanAnalyzers.CodeFixes.Training
{
    /// <summary>What the training fixers share: re-finding the training loop from a diagnostic.</summary>
    internal static class TrainingFixes
    {
        /// <summary>The innermost loop around <paramref name="node"/> that is a TorchSharp training loop, with its step call and body.</summary>
        public static (ILoopOperation Loop, IInvocationOperation Step, StatementSyntax LoopBody)? FindTrainingLoop(SyntaxNode node, SemanticModel model, KnownSymbols symbols, CancellationToken cancellationToken)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (!(current is ForStatementSyntax || current is CommonForEachStatementSyntax || current is WhileStatementSyntax || current is DoStatementSyntax))
                {
                    continue;
                }

                if (model.GetOperation(current, cancellationToken) is ILoopOperation loop
                    && TrainingCode.IsTorchTrainingLoop(loop, symbols, out _, out var step)
                    && step != null
                    && LoopBody(current) is StatementSyntax body)
                {
                    return (loop, step, body);
                }
            }

            return null;
        }

        public static StatementSyntax? LoopBody(SyntaxNode loop)
        {
            switch (loop)
            {
                case ForStatementSyntax f:
                    return f.Statement;
                case CommonForEachStatementSyntax fe:
                    return fe.Statement;
                case WhileStatementSyntax w:
                    return w.Statement;
                case DoStatementSyntax d:
                    return d.Statement;
                default:
                    return null;
            }
        }

        /// <summary>True when the variable <paramref name="expression"/> names is declared inside <paramref name="scope"/>.</summary>
        public static bool DeclaredInside(ExpressionSyntax expression, SyntaxNode scope)
        {
            if (!(expression is IdentifierNameSyntax identifier))
            {
                return false;
            }

            foreach (var declarator in scope.DescendantNodes())
            {
                if (declarator is VariableDeclaratorSyntax v && v.Identifier.ValueText == identifier.Identifier.ValueText)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
