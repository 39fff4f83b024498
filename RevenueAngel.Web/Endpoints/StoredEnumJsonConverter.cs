using System.Text.Json;
using System.Text.Json.Serialization;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Web.Endpoints;

/// The API writes enums as the same text the database stores ("churnsave", "first_purchase").
public sealed class StoredEnumJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                return StoredEnum<TEnum>.Parse(reader.GetString() ?? "");
            }
            catch (FormatException e)
            {
                throw new JsonException(e.Message, e);
            }
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(StoredEnum<TEnum>.ToText(value));

        // Enum-keyed dictionaries (conversions by type, revenue by module) use the same text as keys.
        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WritePropertyName(StoredEnum<TEnum>.ToText(value));

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Read(ref reader, typeToConvert, options);
    }
}
