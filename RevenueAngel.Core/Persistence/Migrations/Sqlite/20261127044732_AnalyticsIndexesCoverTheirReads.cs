using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnalyticsIndexesCoverTheirReads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
