using BbuPool.Scenarios.Loading;
using BbuPool.Scenarios.Traffic;

namespace BbuPool.Scenarios.Tests;

public sealed class ParsingPrimitivesTests
{
    [Theory]
    [InlineData("3600", 3600)]
    [InlineData("0.5", 0.5)]
    [InlineData("500ms", 0.5)]
    [InlineData("90s", 90)]
    [InlineData("90m", 5400)]
    [InlineData("24h", 86400)]
    [InlineData("1h30m", 5400)]
    [InlineData("1h 30m", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("07:30", 27000)]
    [InlineData("07:30:15", 27015)]
    public void Durations_parse(string text, double seconds)
    {
        Assert.True(DurationText.TryParseSeconds(text, out var s));
        Assert.Equal(seconds, s, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5 parsecs")]
    [InlineData("h")]
    [InlineData("07:75")]
    [InlineData("1:2:3:4")]
    public void Non_durations_are_rejected(string text) => Assert.False(DurationText.TryParseSeconds(text, out _));

    [Theory]
    [InlineData(12, 9, 17, 2, 1)]
    [InlineData(3, 9, 17, 2, 0)]
    [InlineData(8, 9, 17, 2, 0.5)]
    [InlineData(18, 9, 17, 2, 0.5)]
    [InlineData(0, 22, 2, 2, 1)]
    [InlineData(3, 22, 2, 2, 0.5)]
    public void Tidal_shape_is_a_plateau_with_cosine_ramps(double hour, double start, double end, double ramp, double expected) =>
        Assert.Equal(expected, TidalComponent.Shape(hour, start, end, ramp), 9);

    [Theory]
    [InlineData("cuont", "count")]
    [InlineData("bandwith_mhz", "bandwidth_mhz")]
    [InlineData("zzzzzz", null)]
    public void Suggestions_are_close_words_only(string word, string? expected) =>
        Assert.Equal(expected, KeySuggester.Closest(word, ["count", "bandwidth_mhz", "site"]));

    [Fact]
    public void Noise_hash_is_uniform_enough_and_deterministic()
    {
        var buckets = new int[10];
        for (var i = 0; i < 100_000; i++)
        {
            var u = NoiseHash.Unit(42, 1, i % 1000, i / 1000);
            Assert.InRange(u, 0, 1);
            buckets[(int)(u * 10)]++;
        }

        // 10,000 expected per bucket; 5 sigma is about 500.
        Assert.All(buckets, b => Assert.InRange(b, 9_500, 10_500));
        Assert.Equal(NoiseHash.Hash(1, 2, 3, 4), NoiseHash.Hash(1, 2, 3, 4));
        Assert.NotEqual(NoiseHash.Hash(1, 2, 3, 4), NoiseHash.Hash(2, 2, 3, 4));
    }

    [Fact]
    public void Snake_case_maps_cost_model_properties() =>
        Assert.Equal("decoder_micros_per_bit_iteration", ScenarioParser.SnakeCase("DecoderMicrosPerBitIteration"));
}
