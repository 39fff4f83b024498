using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "companies",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    installed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    quiet_hours_start = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    quiet_hours_end = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    frequency_cap_messages = table.Column<int>(type: "integer", nullable: false),
                    frequency_cap_days = table.Column<int>(type: "integer", nullable: false),
                    attribution_window_days = table.Column<int>(type: "integer", nullable: false),
                    sends_per_minute = table.Column<int>(type: "integer", nullable: true),
                    whop_experience_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    sync_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sync_requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sync_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sync_completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sync_progress = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    sync_last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    sync_disconnected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sync_plans = table.Column<int>(type: "integer", nullable: false),
                    sync_products = table.Column<int>(type: "integer", nullable: false),
                    sync_memberships = table.Column<int>(type: "integer", nullable: false),
                    sync_members = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_companies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    webhook_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    event_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    payload_pruned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    headers = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "experiment_assignments",
                columns: table => new
                {
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    experiment_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    subject_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    subject_id = table.Column<long>(type: "bigint", nullable: false),
                    group = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experiment_assignments", x => new { x.company_id, x.experiment_key, x.subject_kind, x.subject_id });
                    table.ForeignKey(
                        name: "fk_experiment_assignments_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "leads",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    source = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    whop_user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    captured_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    converted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leads", x => x.id);
                    table.ForeignKey(
                        name: "fk_leads_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    whop_user_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    whop_member_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    username = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_members_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_templates",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    tone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    cta_label = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    cta_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_templates", x => x.id);
                    table.ForeignKey(
                        name: "fk_message_templates_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plans",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    product_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    renewal_price_cents = table.Column<long>(type: "bigint", nullable: false),
                    initial_price_cents = table.Column<long>(type: "bigint", nullable: false),
                    billing_period_days = table.Column<int>(type: "integer", nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_plans_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "playbooks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    trigger = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    target_rules = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    exit_rules = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    tone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    goal = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    goal_plan_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    reentry_after_days = table.Column<int>(type: "integer", nullable: true),
                    holdout_percent = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_playbooks", x => x.id);
                    table.ForeignKey(
                        name: "fk_playbooks_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    membership_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    member_id = table.Column<long>(type: "bigint", nullable: true),
                    plan_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    substatus = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    billing_reason = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    total_cents = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    failure_message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    card_last4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    next_payment_attempt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_payments_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_payments_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "memberships",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    member_id = table.Column<long>(type: "bigint", nullable: false),
                    plan_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    product_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    cancel_at_period_end = table.Column<bool>(type: "boolean", nullable: false),
                    renewal_period_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_memberships", x => x.id);
                    table.ForeignKey(
                        name: "fk_memberships_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_memberships_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_memberships_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "enrollments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    playbook_id = table.Column<long>(type: "bigint", nullable: false),
                    subject_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    subject_id = table.Column<long>(type: "bigint", nullable: false),
                    entry_number = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    group = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trigger_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrollments", x => x.id);
                    table.ForeignKey(
                        name: "fk_enrollments_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_enrollments_playbooks_playbook_id",
                        column: x => x.playbook_id,
                        principalTable: "playbooks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "playbook_steps",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    playbook_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    delay_minutes = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    template_id = table.Column<long>(type: "bigint", nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: false),
                    winner_variant = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_playbook_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_playbook_steps_message_templates_template_id",
                        column: x => x.template_id,
                        principalTable: "message_templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_playbook_steps_playbooks_playbook_id",
                        column: x => x.playbook_id,
                        principalTable: "playbooks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "playbook_step_variants",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    step_id = table.Column<long>(type: "bigint", nullable: false),
                    key = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    percent = table.Column<int>(type: "integer", nullable: false),
                    template_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_playbook_step_variants", x => x.id);
                    table.ForeignKey(
                        name: "fk_playbook_step_variants_message_templates_template_id",
                        column: x => x.template_id,
                        principalTable: "message_templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_playbook_step_variants_playbook_steps_step_id",
                        column: x => x.step_id,
                        principalTable: "playbook_steps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sends",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    playbook_id = table.Column<long>(type: "bigint", nullable: false),
                    step_id = table.Column<long>(type: "bigint", nullable: false),
                    enrollment_id = table.Column<long>(type: "bigint", nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    scheduled_for = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lease_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    body = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    cta_label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    cta_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    external_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    click_token = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    clicked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    click_count = table.Column<int>(type: "integer", nullable: false),
                    variant = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sends", x => x.id);
                    table.ForeignKey(
                        name: "fk_sends_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sends_enrollments_enrollment_id",
                        column: x => x.enrollment_id,
                        principalTable: "enrollments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sends_playbook_steps_step_id",
                        column: x => x.step_id,
                        principalTable: "playbook_steps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sends_playbooks_playbook_id",
                        column: x => x.playbook_id,
                        principalTable: "playbooks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conversions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    member_id = table.Column<long>(type: "bigint", nullable: true),
                    whop_payment_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    revenue_cents = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    attributed_send_id = table.Column<long>(type: "bigint", nullable: true),
                    attribution_method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    attribution_window_days = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversions", x => x.id);
                    table.ForeignKey(
                        name: "fk_conversions_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conversions_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_conversions_sends_attributed_send_id",
                        column: x => x.attributed_send_id,
                        principalTable: "sends",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "revenue_adjustments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    company_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    whop_object_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    whop_payment_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    conversion_id = table.Column<long>(type: "bigint", nullable: true),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    status = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_revenue_adjustments", x => x.id);
                    table.ForeignKey(
                        name: "fk_revenue_adjustments_companies_company_id",
                        column: x => x.company_id,
                        principalTable: "companies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_revenue_adjustments_conversions_conversion_id",
                        column: x => x.conversion_id,
                        principalTable: "conversions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_companies_sync_requested_at",
                table: "companies",
                column: "sync_requested_at");

            migrationBuilder.CreateIndex(
                name: "ix_conversions_attributed_send_id",
                table: "conversions",
                column: "attributed_send_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversions_company_id_created_at",
                table: "conversions",
                columns: new[] { "company_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversions_member_id",
                table: "conversions",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_conversions_whop_payment_id",
                table: "conversions",
                column: "whop_payment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_company_id_entered_at",
                table: "enrollments",
                columns: new[] { "company_id", "entered_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "status", "group", "ended_at" });

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_company_id_subject_kind_subject_id_status",
                table: "enrollments",
                columns: new[] { "company_id", "subject_kind", "subject_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_playbook_id_subject_kind_subject_id_entry_number",
                table: "enrollments",
                columns: new[] { "playbook_id", "subject_kind", "subject_id", "entry_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_playbook_id_trigger_key",
                table: "enrollments",
                columns: new[] { "playbook_id", "trigger_key" },
                unique: true,
                filter: "trigger_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_leads_company_id_captured_at",
                table: "leads",
                columns: new[] { "company_id", "captured_at" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_company_id_email",
                table: "leads",
                columns: new[] { "company_id", "email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_company_id_whop_user_id",
                table: "members",
                columns: new[] { "company_id", "whop_user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_memberships_company_id_status_plan_id",
                table: "memberships",
                columns: new[] { "company_id", "status", "plan_id" });

            migrationBuilder.CreateIndex(
                name: "ix_memberships_member_id",
                table: "memberships",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_plan_id",
                table: "memberships",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_message_templates_company_id",
                table: "message_templates",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_company_id_failed_at",
                table: "payments",
                columns: new[] { "company_id", "failed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_company_id_paid_at",
                table: "payments",
                columns: new[] { "company_id", "paid_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_member_id",
                table: "payments",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_membership_id",
                table: "payments",
                column: "membership_id");

            migrationBuilder.CreateIndex(
                name: "ix_plans_company_id",
                table: "plans",
                column: "company_id");

            migrationBuilder.CreateIndex(
                name: "ix_playbook_step_variants_step_id_key",
                table: "playbook_step_variants",
                columns: new[] { "step_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_playbook_step_variants_template_id",
                table: "playbook_step_variants",
                column: "template_id");

            migrationBuilder.CreateIndex(
                name: "ix_playbook_steps_playbook_id_position",
                table: "playbook_steps",
                columns: new[] { "playbook_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_playbook_steps_template_id",
                table: "playbook_steps",
                column: "template_id");

            migrationBuilder.CreateIndex(
                name: "ix_playbooks_company_id_enabled",
                table: "playbooks",
                columns: new[] { "company_id", "enabled" });

            migrationBuilder.CreateIndex(
                name: "ix_revenue_adjustments_company_id_created_at",
                table: "revenue_adjustments",
                columns: new[] { "company_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_revenue_adjustments_conversion_id",
                table: "revenue_adjustments",
                column: "conversion_id");

            migrationBuilder.CreateIndex(
                name: "ix_revenue_adjustments_whop_object_id",
                table: "revenue_adjustments",
                column: "whop_object_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_revenue_adjustments_whop_payment_id",
                table: "revenue_adjustments",
                column: "whop_payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_sends_click_token",
                table: "sends",
                column: "click_token",
                unique: true,
                filter: "click_token IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sends_company_id_sent_at",
                table: "sends",
                columns: new[] { "company_id", "sent_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "playbook_id", "clicked_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sends_due",
                table: "sends",
                columns: new[] { "status", "scheduled_for" },
                filter: "status IN ('scheduled', 'sending')");

            migrationBuilder.CreateIndex(
                name: "ix_sends_enrollment_id_step_id",
                table: "sends",
                columns: new[] { "enrollment_id", "step_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sends_playbook_id",
                table: "sends",
                column: "playbook_id");

            migrationBuilder.CreateIndex(
                name: "ix_sends_step_id",
                table: "sends",
                column: "step_id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_company_id_received_at",
                table: "webhook_events",
                columns: new[] { "company_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_pending",
                table: "webhook_events",
                columns: new[] { "occurred_at", "id" },
                filter: "status IN ('received', 'failed')");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_status_processed_at",
                table: "webhook_events",
                columns: new[] { "status", "processed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_webhook_id",
                table: "webhook_events",
                column: "webhook_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "experiment_assignments");

            migrationBuilder.DropTable(
                name: "leads");

            migrationBuilder.DropTable(
                name: "memberships");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropTable(
                name: "playbook_step_variants");

            migrationBuilder.DropTable(
                name: "revenue_adjustments");

            migrationBuilder.DropTable(
                name: "webhook_events");

            migrationBuilder.DropTable(
                name: "plans");

            migrationBuilder.DropTable(
                name: "conversions");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "sends");

            migrationBuilder.DropTable(
                name: "enrollments");

            migrationBuilder.DropTable(
                name: "playbook_steps");

            migrationBuilder.DropTable(
                name: "message_templates");

            migrationBuilder.DropTable(
                name: "playbooks");

            migrationBuilder.DropTable(
                name: "companies");
        }
    }
}
