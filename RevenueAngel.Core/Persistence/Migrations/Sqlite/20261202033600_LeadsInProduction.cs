using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeadsInProduction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "email",
                table: "leads",
                type: "TEXT",
                maxLength: 320,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 320);

            migrationBuilder.AddColumn<long>(
                name: "consent_at",
                table: "leads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "consent_text",
                table: "leads",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "converted_payment_id",
                table: "leads",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "email_consent",
                table: "leads",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "member_id",
                table: "leads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "utm_source",
                table: "leads",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "waitlist_entry_id",
                table: "leads",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lead_capture_key",
                table: "companies",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_leads_company_id_status",
                table: "leads",
                columns: new[] { "company_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_company_id_whop_user_id",
                table: "leads",
                columns: new[] { "company_id", "whop_user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_leads_member_id",
                table: "leads",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_companies_lead_capture_key",
                table: "companies",
                column: "lead_capture_key",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_leads_members_member_id",
                table: "leads",
                column: "member_id",
                principalTable: "members",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_leads_members_member_id",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_company_id_status",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_company_id_whop_user_id",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_leads_member_id",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "ix_companies_lead_capture_key",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "consent_at",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "consent_text",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "converted_payment_id",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "email_consent",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "member_id",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "utm_source",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "waitlist_entry_id",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "lead_capture_key",
                table: "companies");

            migrationBuilder.AlterColumn<string>(
                name: "email",
                table: "leads",
                type: "TEXT",
                maxLength: 320,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 320,
                oldNullable: true);
        }
    }
}
