using Microsoft.EntityFrameworkCore;

namespace RevenueAngel.Core.Persistence;

public sealed class PostgresRevenueAngelDbContext(DbContextOptions<PostgresRevenueAngelDbContext> options)
    : RevenueAngelDbContext(options);
