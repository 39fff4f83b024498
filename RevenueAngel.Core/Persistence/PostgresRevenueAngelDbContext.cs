using Microsoft.EntityFrameworkCore;

namespace RevenueAngel.Core.Persistence;

public sealed class PostgresRevenueAngelDbContext(DbContextOptions<PostgresRevenueAngelDbContext> options)
    : RevenueAngelDbContext(options)
{
    internal override Dialects.ISqlDialect Dialect => Dialects.PostgresDialect.Instance;
}
