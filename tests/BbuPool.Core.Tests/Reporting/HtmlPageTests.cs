using BbuPool.Core.Reporting;

namespace BbuPool.Core.Tests.Reporting;

public sealed class HtmlPageTests
{
    [Fact]
    public void Page_IsOneSelfContainedDocument_WithTitleAndRowsEncoded()
    {
        var page = HtmlPage.Begin("tidal <day> & night", ".x{color:red}");
        page.Append("<table>");
        HtmlPage.Row(page, "a<b", "1 & 2");
        page.Append("</table>");
        string html = HtmlPage.End(page);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</body></html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>BbuPool: tidal &lt;day&gt; &amp; night</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>tidal &lt;day&gt; &amp; night</h1>", html, StringComparison.Ordinal);
        Assert.Contains(".x{color:red}</style>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>a&lt;b</th><td>1 &amp; 2</td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal);
    }
}
