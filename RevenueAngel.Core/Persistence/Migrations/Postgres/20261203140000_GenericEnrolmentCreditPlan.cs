using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RevenueAngel.Core.Persistence.Migrations.Postgres
{
    /// The enrolment-revenue trigger on conversions plans its statements once per connection instead of once per call.
    /// Left to choose, PostgreSQL kept custom plans for them: the generic plan cannot see how many changes the array
    /// holds, so its estimate looked dearer than the one-row custom plans, and with one conversion per statement the
    /// credit's update was planned on every conversion (0.3 of a conversion insert's 0.65 ms, measured in one session
    /// with and without this setting). Its statements take the transition rows as one array parameter and find
    /// enrolments by their key, so the generic plan does the same work: a 100,000-row update of conversions took
    /// 5.6 s with it and 6.0 s without.
    [DbContext(typeof(PostgresRevenueAngelDbContext))]
    [Migration("20261203140000_GenericEnrolmentCreditPlan")]
    public partial class GenericEnrolmentCreditPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("ALTER FUNCTION credit_enrollment_revenue() SET plan_cache_mode = force_generic_plan;");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("ALTER FUNCTION credit_enrollment_revenue() RESET plan_cache_mode;");
    }
}
