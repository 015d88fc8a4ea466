using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text;
using BbuPool.Core.Cost;
using YamlDotNet.RepresentationModel;

namespace BbuPool.Scenarios.Loading;

/// <summary>
/// The optional `cost_model:` section: any <see cref="CostModelOptions"/> property in snake_case
/// (decoder_micros_per_bit_iteration: 0.3), bounded by the property's own [Range].
/// </summary>
internal sealed partial class ScenarioParser
{
    private static readonly Dictionary<string, PropertyInfo> CostProperties = typeof(CostModelOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType == typeof(double) && p.CanWrite)
        .ToDictionary(p => SnakeCase(p.Name), StringComparer.Ordinal);

    private CostModelOptions ParseCostModel(YamlNode? node)
    {
        var options = new CostModelOptions();
        if (node is null)
        {
            return options;
        }

        var m = new MappingReader(node, "cost_model", _d, CostProperties.Keys.ToArray());
        foreach (var (key, property) in CostProperties)
        {
            var range = property.GetCustomAttribute<RangeAttribute>();
            var min = range is null ? 0 : Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
            var max = range is null ? double.MaxValue : Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
            if (m.Number(key, min, max) is { } value)
            {
                property.SetValue(options, value);
            }
        }

        return options;
    }

    /// <summary>FixedMicrosPerPrbAntenna -> fixed_micros_per_prb_antenna.</summary>
    internal static string SnakeCase(string pascal)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                var prevLower = i > 0 && (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1]));
                var nextLower = i + 1 < pascal.Length && char.IsLower(pascal[i + 1]) && i > 0 && char.IsUpper(pascal[i - 1]);
                if (prevLower || nextLower)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
