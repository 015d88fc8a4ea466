using System.Globalization;
using Spectre.Console;

namespace BbuPool.Cli.Rendering;

/// <summary>
/// How output is laid out when stdout is a file or a pipe (a CI log, a `tee`): the width, since no
/// terminal says how wide it is, and plain text, since nothing there reads escape codes.
/// </summary>
/// <remarks>
/// Spectre.Console falls back to 80 columns there, which cut `bench migration`'s table (12
/// columns) to four-letter headers and three lines per row, and wrapped every progress line.
/// <c>COLUMNS</c>, when set to 40 or more, wins, as it does for other command-line tools.
/// </remarks>
internal static class RedirectedOutput
{
    /// <summary>Columns when <c>COLUMNS</c> is not set.</summary>
    /// <remarks>
    /// `bench migration`'s table laid out at its natural width is 163 columns (measured with
    /// COLUMNS=300, a row of StopAndCopy), one more with the 2 GiB size; 180 leaves room. Tables
    /// with a long text column (the targets) take whatever width they are given.
    /// </remarks>
    public const int DefaultWidth = 180;

    // Narrower than this, the tables' rows break into several lines each, whatever the headers.
    private const int MinWidth = 40;

    /// <summary>
    /// Lays <paramref name="console"/> out <see cref="Width"/> columns wide, in plain text, when its
    /// output is <paramref name="redirected"/>; a terminal keeps its own width and colours.
    /// </summary>
    /// <remarks>
    /// Spectre.Console decides on ANSI from <c>TERM</c>, not from where the output goes: a bench
    /// run into a file carried an escape sequence around every progress line.
    /// </remarks>
    public static void Apply(IAnsiConsole console, bool redirected, string? columns)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (redirected)
        {
            console.Profile.Width = Width(columns);
            console.Profile.Capabilities.Ansi = false;
            console.Profile.Capabilities.ColorSystem = ColorSystem.NoColors;
        }
    }

    /// <summary>The width for output that is not a terminal, from <paramref name="columns"/> (the <c>COLUMNS</c> variable) or the default.</summary>
    public static int Width(string? columns) =>
        int.TryParse(columns, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= MinWidth ? n : DefaultWidth;
}
