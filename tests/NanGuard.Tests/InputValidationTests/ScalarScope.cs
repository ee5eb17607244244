using System;
using NanGuard.Internal;

namespace NanGuard.Tests.InputValidationTests
{
    /// <summary>Runs the netstandard2.0 code paths (scalar loops) on this thread while in scope.</summary>
    internal sealed class ScalarScope : IDisposable
    {
        private readonly bool _previous;

        public ScalarScope(bool scalar)
        {
            _previous = GuardKernels.ForceScalar;
            GuardKernels.ForceScalar = scalar;
        }

        public void Dispose() => GuardKernels.ForceScalar = _previous;
    }
}
