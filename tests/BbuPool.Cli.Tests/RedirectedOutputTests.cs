using BbuPool.Cli.Rendering;
using Spectre.Console;

namespace BbuPool.Cli.Tests;

/// <summary>Output to a file or a pipe is laid out wide enough for the tables, or as wide as COLUMNS says.</summary>
public sealed class RedirectedOutputTests
{
    [Theory]
    [InlineData(null, RedirectedOutput.DefaultWidth)]
    [InlineData("", RedirectedOutput.DefaultWidth)]
    [InlineData("120", 120)]
    [InlineData("wide", RedirectedOutput.DefaultWidth)]
    [InlineData("-200", RedirectedOutput.DefaultWidth)]
    [InlineData("20", RedirectedOutput.DefaultWidth)]
    public void Width_ComesFromColumns_WhenItIsAUsableNumber(string? columns, int expected) =>
        Assert.Equal(expected, RedirectedOutput.Width(columns));

    [Fact]
    public void ARedirectedConsole_PrintsATableWiderThan80Columns_OnOneLinePerRow()
    {
        using var text = new StringWriter();
        var console = TextConsole(text);
        RedirectedOutput.Apply(console, redirected: true, columns: null);

        var table = new Table();
        foreach (var header in Enumerable.Range(0, 12).Select(i => "column " + i))
        {
            table.AddColumn(header);
        }

        table.AddRow(Enumerable.Range(0, 12).Select(i => "value " + i).ToArray());
        console.Write(table);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length); // top, headers, rule, the row, bottom: nothing wrapped
        Assert.True(lines[0].TrimEnd().Length > 80, lines[0]);
    }

    [Fact]
    public void ATerminal_KeepsItsOwnWidth()
    {
        using var text = new StringWriter();
        var console = TextConsole(text);
        console.Profile.Width = 100;

        RedirectedOutput.Apply(console, redirected: false, columns: "200");

        Assert.Equal(100, console.Profile.Width);
    }

    [Fact]
    public void ARedirectedConsole_WritesPlainText_WhateverTheTerminalSays()
    {
        // As Program.Main builds it: Spectre detects ANSI and colours from TERM.
        using var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.TrueColor });
        RedirectedOutput.Apply(console, redirected: true, columns: null);

        console.MarkupLine("[grey]measuring[/] [bold red]done[/]");

        Assert.Equal("measuring done", text.ToString().TrimEnd());
    }

    private static IAnsiConsole TextConsole(StringWriter text) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
}
