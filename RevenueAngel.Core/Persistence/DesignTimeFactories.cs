using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RevenueAngel.Core.Persistence;

// `dotnet ef` builds the model with these; they never open a connection.
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRevenueAngelDbContext>
{
    public PostgresRevenueAngelDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresRevenueAngelDbContext>();
        options.UseRevenueAngelPostgres("Host=localhost;Database=design_time");
        return new(options.Options);
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRevenueAngelDbContext>
{
    public SqliteRevenueAngelDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteRevenueAngelDbContext>();
        options.UseRevenueAngelSqlite("Data Source=design_time.db");
        return new(options.Options);
    }
}
