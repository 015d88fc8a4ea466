using System.Numerics;

namespace BbuPool.Migration.Stacks;

/// <summary>In-place iterative radix-2 FFT over split real/imaginary arrays (no allocation).</summary>
internal static class Fft
{
    /// <summary>Transforms the first <paramref name="n"/> samples (a power of two).</summary>
    public static void Forward(Span<double> re, Span<double> im, int n)
    {
        int bits = BitOperations.Log2((uint)n);
        for (int i = 0; i < n; i++)
        {
            int j = (int)(ReverseBits((uint)i) >> (32 - bits));
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (int size = 2; size <= n; size <<= 1)
        {
            int half = size >> 1;
            double theta = -2 * Math.PI / size;
            double wr = Math.Cos(theta);
            double wi = Math.Sin(theta);
            for (int start = 0; start < n; start += size)
            {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < half; k++)
                {
                    int a = start + k;
                    int b = a + half;
                    double tr = (re[b] * cr) - (im[b] * ci);
                    double ti = (re[b] * ci) + (im[b] * cr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                    double ncr = (cr * wr) - (ci * wi);
                    ci = (cr * wi) + (ci * wr);
                    cr = ncr;
                }
            }
        }
    }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }
}
