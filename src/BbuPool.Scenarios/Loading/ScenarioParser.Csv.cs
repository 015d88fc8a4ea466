using BbuPool.Scenarios.Traffic;

namespace BbuPool.Scenarios.Loading;

/// <summary>`profile: csv`: a per-cell trace file relative to the scenario.</summary>
internal sealed partial class ScenarioParser
{
    private Func<ulong, TrafficComponent>? ParseCsv(MappingReader m, CellSet? set)
    {
        var file = m.String("file", required: true);
        if (file is null)
        {
            return null;
        }

        var fileNode = m.Get("file")!;
        var directory = Path.GetDirectoryName(_file);
        var path = Path.IsPathRooted(file) || string.IsNullOrEmpty(directory) ? file : Path.Combine(directory, file);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            _d.Error(fileNode, $"{m.Path}.file: cannot read trace '{path}': {why}");
            return null;
        }

        var errorsBefore = _d.Errors.Count;
        var series = CsvTraceReader.Read(path, lines, _d);
        if (set is null || _d.Errors.Count > errorsBefore)
        {
            return null;
        }

        var byCell = new CsvSeries[set.Cells.Length];
        var inSet = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < set.Cells.Length; i++)
        {
            var id = _cells[set.Cells[i]].Id;
            inSet.Add(id);
            if (series.TryGetValue(id, out var s))
            {
                byCell[i] = s;
            }
            else
            {
                _d.Error(fileNode, $"{m.Path}.file: trace '{path}' has no rows for cell '{id}'");
            }
        }

        foreach (var id in series.Keys.Where(id => !inSet.Contains(id)).Take(5))
        {
            var where = _cellIds.ContainsKey(id) ? "is not in this profile's cell groups" : "is not a cell of the scenario";
            _d.Error(fileNode, $"{m.Path}.file: trace '{path}' has rows for cell '{id}', which {where}");
        }

        return _d.Errors.Count > errorsBefore ? null : _ => new CsvTraceComponent(set, byCell);
    }
}
