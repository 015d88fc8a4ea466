namespace BbuPool.Wire;

// CA1720: Integer, Float, String are the spec's own names for these families.
#pragma warning disable CA1720

/// <summary>The family of a MessagePack value, as told by its first byte.</summary>
public enum MessagePackType
{
    /// <summary>0xc1, the one byte the spec never uses.</summary>
    Unknown = 0,

    /// <summary>nil (0xc0).</summary>
    Nil,

    /// <summary>true or false (0xc2, 0xc3).</summary>
    Boolean,

    /// <summary>Any integer: positive/negative fixint, uint8..64, int8..64.</summary>
    Integer,

    /// <summary>float32 or float64.</summary>
    Float,

    /// <summary>fixstr, str8, str16, str32 (UTF-8).</summary>
    String,

    /// <summary>bin8, bin16, bin32.</summary>
    Binary,

    /// <summary>fixarray, array16, array32.</summary>
    Array,

    /// <summary>fixmap, map16, map32.</summary>
    Map,

    /// <summary>fixext1..16, ext8, ext16, ext32 (the timestamp is ext type -1).</summary>
    Extension,
}
#pragma warning restore CA1720
