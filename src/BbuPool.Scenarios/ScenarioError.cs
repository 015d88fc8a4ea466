namespace BbuPool.Scenarios;

/// <summary>One problem found in a scenario (or a file it references), at a position in that file.</summary>
/// <param name="File">The file the problem is in, as the user named it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong and, where possible, what would be right.</param>
public sealed record ScenarioError(string File, int Line, int Column, string Message)
{
    /// <summary>`file:line:col: message`, the form compilers use so editors can jump to it.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
