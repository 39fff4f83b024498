using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SendCallStartedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "call_started_at",
                table: "sends",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // EF rebuilds the table to drop a column on SQLite, which would drop the sends' count triggers with it.
            migrationBuilder.Sql("ALTER TABLE sends DROP COLUMN call_started_at;");
        }
    }
}
