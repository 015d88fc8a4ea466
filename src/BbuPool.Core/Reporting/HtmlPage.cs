using System.Net;
using System.Text;

namespace BbuPool.Core.Reporting;

/// <summary>
/// The frame of BbuPool's self-contained HTML reports (simulation, migration benchmark): one
/// stylesheet, no script, no external asset, and the name/value fact rows both open with.
/// </summary>
public static class HtmlPage
{
    private const string Style =
        "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:1em}" +
        "td,th{padding:2px 8px;text-align:left;border-bottom:1px solid #ddd;font-size:13px}" +
        "figure{display:inline-block;margin:0 1em 1em 0}.legend span{margin-right:1.2em;font-size:12px}";

    /// <summary>Opens the document with <paramref name="title"/> as its title and first heading; <paramref name="extraStyle"/> adds rules.</summary>
    public static StringBuilder Begin(string title, string extraStyle = "")
    {
        ArgumentNullException.ThrowIfNull(title);
        string encoded = WebUtility.HtmlEncode(title);
        return new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><title>BbuPool: ").Append(encoded).Append("</title>")
            .Append("<style>").Append(Style).Append(extraStyle).Append("</style></head><body>")
            .Append("<h1>").Append(encoded).Append("</h1>");
    }

    /// <summary>Closes the document and returns it.</summary>
    public static string End(StringBuilder page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Append("</body></html>").ToString();
    }

    /// <summary>A name/value row of a facts table, both encoded.</summary>
    public static void Row(StringBuilder page, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Append("<tr><th>").Append(WebUtility.HtmlEncode(name)).Append("</th><td>").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");
    }
}
