using Microsoft.EntityFrameworkCore;

namespace RevenueAngel.Core.Persistence;

public sealed class SqliteRevenueAngelDbContext(DbContextOptions<SqliteRevenueAngelDbContext> options)
    : RevenueAngelDbContext(options)
{
    internal override Dialects.ISqlDialect Dialect => Dialects.SqliteDialect.Instance;

    // SQLite cannot compare or order DateTimeOffset; UTC ticks sort by instant, as PostgreSQL does.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}
