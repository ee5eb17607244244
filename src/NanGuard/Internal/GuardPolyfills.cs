#if !NETCOREAPP3_0_OR_GREATER
namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// Lets the compiler fill a parameter with the source text of another argument
    /// (built into .NET Core 3.0 and later; declared here for netstandard2.0).
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    internal sealed class CallerArgumentExpressionAttribute : Attribute
    {
        /// <summary>Creates the attribute for the parameter named <paramref name="parameterName"/>.</summary>
        public CallerArgumentExpressionAttribute(string parameterName) => ParameterName = parameterName;

        /// <summary>The name of the parameter whose argument text is captured.</summary>
        public string ParameterName { get; }
    }
}
#endif
