namespace BbuPool.Wire.Frames;

/// <summary>How one page's bytes are encoded in a pages frame; the codec lives in BbuPool.Migration, the wire only carries the byte.</summary>
public enum PageEncoding : byte
{
    /// <summary>The page's bytes as they are (page size bytes).</summary>
    Raw = 0,

    /// <summary>The page is all zeros; no data bytes.</summary>
    Zero = 1,

    /// <summary>An XBZRLE delta against the copy of this page sent in an earlier round.</summary>
    DeltaXbzrle = 2,
}
