using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SaveOffers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "offer_kind",
                table: "playbook_steps",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "offer_plan_id",
                table: "playbook_steps",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "offer_value",
                table: "playbook_steps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "save_offers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    company_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    member_id = table.Column<long>(type: "INTEGER", nullable: false),
                    membership_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    playbook_id = table.Column<long>(type: "INTEGER", nullable: true),
                    step_id = table.Column<long>(type: "INTEGER", nullable: true),
                    enrollment_id = table.Column<long>(type: "INTEGER", nullable: true),
                    send_id = table.Column<long>(type: "INTEGER", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    pause_days = table.Column<int>(type: "INTEGER", nullable: true),
                    free_days = table.Column<int>(type: "INTEGER", nullable: true),
                    discount_percent = table.Column<int>(type: "INTEGER", nullable: true),
                    downgrade_plan_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    accepted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    declined_at = table.Column<long>(type: "INTEGER", nullable: true),
                    resume_at = table.Column<long>(type: "INTEGER", nullable: true),
                    resumed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decline_reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    promo_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    checkout_url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    uncanceled = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_save_offers", x => x.id);
                    table.ForeignKey(
                        name: "fk_save_offers_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_save_offers_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_save_offers_sends_send_id",
                        column: x => x.send_id,
                        principalTable: "sends",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "offer_calls",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    offer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    operation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    target_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    status_code = table.Column<int>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_offer_calls", x => x.id);
                    table.ForeignKey(
                        name: "fk_offer_calls_save_offers_offer_id",
                        column: x => x.offer_id,
                        principalTable: "save_offers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_offer_calls_offer_id",
                table: "offer_calls",
                column: "offer_id");

            migrationBuilder.CreateIndex(
                name: "ix_save_offers_company_id_member_id_accepted_at",
                table: "save_offers",
                columns: new[] { "company_id", "member_id", "accepted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_save_offers_company_id_status_created_at",
                table: "save_offers",
                columns: new[] { "company_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_save_offers_member_id",
                table: "save_offers",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_save_offers_resume_at",
                table: "save_offers",
                column: "resume_at",
                filter: "resume_at IS NOT NULL AND resumed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_save_offers_send_id",
                table: "save_offers",
                column: "send_id",
                unique: true,
                filter: "send_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_save_offers_token_hash",
                table: "save_offers",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "offer_calls");

            migrationBuilder.DropTable(
                name: "save_offers");

            migrationBuilder.DropColumn(
                name: "offer_kind",
                table: "playbook_steps");

            migrationBuilder.DropColumn(
                name: "offer_plan_id",
                table: "playbook_steps");

            migrationBuilder.DropColumn(
                name: "offer_value",
                table: "playbook_steps");
        }
    }
}
