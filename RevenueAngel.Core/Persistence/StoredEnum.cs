using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;

namespace RevenueAngel.Core.Persistence;

/// The text an enum value is stored and shown as: its [EnumMember] value, else its snake_case name.
public static class StoredEnum<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names = Enum.GetValues<TEnum>()
        .ToFrozenDictionary(v => v, NameOf);

    private static readonly FrozenDictionary<string, TEnum> Values = Names
        .ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static int MaxLength { get; } = Names.Values.Max(n => n.Length);

    public static string ToText(TEnum value) => Names[value];

    public static TEnum Parse(string text) => Values.TryGetValue(text, out var value)
        ? value
        : throw new FormatException($"'{text}' is not a known {typeof(TEnum).Name}; expected one of {string.Join(", ", Values.Keys)}.");

    private static string NameOf(TEnum value)
    {
        var name = value.ToString();
        var member = typeof(TEnum).GetField(name)?.GetCustomAttribute<EnumMemberAttribute>();
        return member?.Value ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
    }
}
