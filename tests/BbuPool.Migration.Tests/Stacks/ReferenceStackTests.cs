using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;

namespace BbuPool.Migration.Tests.Stacks;

public sealed class ReferenceStackTests
{
    private static (ReferenceStack Stack, PageRegion Region) Create(long bytes = 4L << 20)
    {
        var stack = new ReferenceStack(new ReferenceStackOptions { StateBytes = bytes });
        var region = PageRegion.ForBytes(bytes);
        stack.Initialize(region);
        region.ClearDirty();
        return (stack, region);
    }

    [Fact]
    public void SameInputs_GiveSameOutputsAndSameBytes()
    {
        var (a, ra) = Create();
        var (b, rb) = Create();
        using (ra)
        using (rb)
        {
            var load = new LoadProfile(0.5);
            for (long t = 0; t < 300; t++)
            {
                Assert.Equal(a.ProcessTti(load.InputFor(t), ra), b.ProcessTti(load.InputFor(t), rb));
            }

            Assert.Equal(-1, ra.FirstDifferentPage(rb));
        }
    }

    [Fact]
    public void StacksSharingAThread_AtDifferentLoads_ComputeWhatEachComputesAlone()
    {
        // The per-TTI working memory is the thread's, shared by every stack on it: a 70 % stack's
        // larger FFT and a 10 % stack's smaller one, taking turns, must leave nothing for the other.
        var light = new LoadProfile(0.1);
        var heavy = new LoadProfile(0.7);
        var (aloneLight, rAloneLight) = Create();
        var (aloneHeavy, rAloneHeavy) = Create();
        var (turnsLight, rTurnsLight) = Create();
        var (turnsHeavy, rTurnsHeavy) = Create();
        using (rAloneLight)
        using (rAloneHeavy)
        using (rTurnsLight)
        using (rTurnsHeavy)
        {
            var expectedLight = new ulong[200];
            var expectedHeavy = new ulong[200];
            for (long t = 0; t < 200; t++)
            {
                expectedLight[t] = aloneLight.ProcessTti(light.InputFor(t), rAloneLight);
            }

            for (long t = 0; t < 200; t++)
            {
                expectedHeavy[t] = aloneHeavy.ProcessTti(heavy.InputFor(t), rAloneHeavy);
            }

            for (long t = 0; t < 200; t++)
            {
                Assert.Equal(expectedHeavy[t], turnsHeavy.ProcessTti(heavy.InputFor(t), rTurnsHeavy));
                Assert.Equal(expectedLight[t], turnsLight.ProcessTti(light.InputFor(t), rTurnsLight));
            }

            Assert.Equal(-1, rAloneLight.FirstDifferentPage(rTurnsLight));
            Assert.Equal(-1, rAloneHeavy.FirstDifferentPage(rTurnsHeavy));
        }
    }

    [Fact]
    public void OutputDependsOnState_NotOnlyOnInput()
    {
        var (a, ra) = Create();
        using (ra)
        {
            var input = new LoadProfile(0.5).InputFor(8);
            ulong first = a.ProcessTti(input, ra);
            ulong second = a.ProcessTti(input, ra); // soft buffers now hold the first combination
            Assert.NotEqual(first, second);
        }
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.7)]
    public void WritePattern_IsHotAndCold_AndGrowsWithLoad(double load)
    {
        var (stack, region) = Create(16L << 20);
        using (region)
        {
            var profile = new LoadProfile(load);
            var pages = new List<int>();
            for (long t = 0; t < 100; t++)
            {
                stack.ProcessTti(profile.InputFor(t), region);
            }

            region.HarvestDirty(pages);
            // Hot set: header, contexts, HARQ of active UEs, trace; far below the 4096 pages.
            Assert.InRange(pages.Count, 10, region.PageCount / 4);
            Assert.Contains(0, pages);
            Assert.DoesNotContain(region.PageCount - 1, pages);
        }
    }

    [Fact]
    public void HigherLoad_DirtiesMorePages()
    {
        int Dirty(double load)
        {
            var (stack, region) = Create(16L << 20);
            using (region)
            {
                var profile = new LoadProfile(load);
                for (long t = 0; t < 64; t++)
                {
                    stack.ProcessTti(profile.InputFor(t), region);
                }

                return region.DirtyCount;
            }
        }

        Assert.True(Dirty(0.7) > Dirty(0.1));
    }

    [Fact]
    public void Throttle_SkipsTraceWrites()
    {
        var (stack, region) = Create(16L << 20);
        using (region)
        {
            var profile = new LoadProfile(0.1);
            for (long t = 0; t < 64; t++)
            {
                stack.ProcessTti(profile.InputFor(t), region);
            }

            int unthrottled = region.DirtyCount;
            region.ClearDirty();
            stack.Throttle = 1.0;
            for (long t = 64; t < 128; t++)
            {
                stack.ProcessTti(profile.InputFor(t), region);
            }

            Assert.True(region.DirtyCount < unthrottled);
        }
    }

    [Fact]
    public void Initialize_LeavesZeroPagesForElision()
    {
        var (_, region) = Create(16L << 20);
        using (region)
        {
            int zero = 0;
            for (int p = 0; p < region.PageCount; p++)
            {
                zero += region.IsZeroPage(p) ? 1 : 0;
            }

            Assert.InRange(zero, region.PageCount / 8, region.PageCount - 10);
        }
    }
}
