using System.Reflection;
using BbuPool.Wire.Frames;

namespace BbuPool.Wire.Tests.Contracts;

/// <summary>The versioning rule depends on field ids being unique per contract and frame types being covered.</summary>
public class FieldIdTests
{
    private static readonly Assembly Wire = typeof(MessagePackWriter).Assembly;

    public static TheoryData<Type> FieldTables()
    {
        var data = new TheoryData<Type>();
        foreach (var type in Wire.GetTypes().Where(t => t.IsNested && t.Name == "Fields"))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FieldTables))]
    public void FieldIds_AreUniqueSmallNonNegativeIntegers(Type fields)
    {
        var ids = fields.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (int)f.GetRawConstantValue()!)
            .ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());

        // Ids up to 127 are one-byte positive fixints on the wire.
        Assert.All(ids, id => Assert.InRange(id, 0, 127));
    }

    [Fact]
    public void EveryFrameType_HasExactlyOneContract()
    {
        var declared = Wire.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IFrame<>)))
            .Select(t => (FrameType)t.GetProperty("FrameType", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .Append(PagesFrame.FrameType)
            .ToList();
        var expected = Enum.GetValues<FrameType>().Where(t => t != FrameType.None).ToList();
        Assert.Equal(expected.Order(), declared.Order());
    }
}
