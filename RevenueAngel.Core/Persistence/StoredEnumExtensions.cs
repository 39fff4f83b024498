using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RevenueAngel.Core.Persistence;

internal static class StoredEnumExtensions
{
    /// Stores the enum as readable text (see <see cref="StoredEnum{TEnum}"/>), with room for values added later.
    public static PropertyBuilder<TEnum> HasStoredEnum<TEnum>(this PropertyBuilder<TEnum> property)
        where TEnum : struct, Enum =>
        property
            .HasConversion(v => StoredEnum<TEnum>.ToText(v), s => StoredEnum<TEnum>.Parse(s))
            .HasMaxLength(Math.Max(32, StoredEnum<TEnum>.MaxLength));

    public static PropertyBuilder<TEnum?> HasStoredEnum<TEnum>(this PropertyBuilder<TEnum?> property)
        where TEnum : struct, Enum =>
        property
            .HasConversion(v => v == null ? null : StoredEnum<TEnum>.ToText(v.Value), s => s == null ? null : StoredEnum<TEnum>.Parse(s))
            .HasMaxLength(Math.Max(32, StoredEnum<TEnum>.MaxLength));
}
