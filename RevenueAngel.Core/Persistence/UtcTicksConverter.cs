using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RevenueAngel.Core.Persistence;

internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
