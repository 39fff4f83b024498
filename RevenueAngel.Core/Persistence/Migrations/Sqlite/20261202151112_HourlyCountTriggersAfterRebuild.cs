using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite;

/// EnrolmentWriteCosts rebuilds sends and enrollments to drop foreign keys, and SQLite drops a table's triggers with
/// it. EF runs a migration's rebuilds after its other operations, so the triggers come back in a migration of their
/// own. SQLite only: PostgreSQL alters the tables in place.
[DbContext(typeof(SqliteRevenueAngelDbContext))]
[Migration("20261202151112_HourlyCountTriggersAfterRebuild")]
public sealed class HourlyCountTriggersAfterRebuild : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => SqliteHourlyCountTriggers.Create(migrationBuilder);

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Nothing: the triggers were there before EnrolmentWriteCosts too (whose Down no longer rebuilds the tables).
    }
}
