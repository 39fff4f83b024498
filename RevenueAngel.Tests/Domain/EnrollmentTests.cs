using RevenueAngel.Core.Playbooks;

namespace RevenueAngel.Tests.Domain;

public sealed class EnrollmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ConvertedEnrollmentRecordsWhenAndWhy()
    {
        var enrollment = new Enrollment { CompanyId = "biz_1", PlaybookId = 1, SubjectId = 7 };
        enrollment.Convert(Now);

        Assert.Equal(EnrollmentStatus.Converted, enrollment.Status);
        Assert.Equal(Now, enrollment.EndedAt);
        Assert.Equal("goal reached", enrollment.EndReason);
    }

    [Fact]
    public void AnEndedEnrollmentCannotEndAgain()
    {
        var enrollment = new Enrollment { CompanyId = "biz_1", PlaybookId = 1, SubjectId = 7 };
        enrollment.Exit(Now, "membership canceled");

        var error = Assert.Throws<InvalidOperationException>(() => enrollment.Convert(Now.AddMinutes(1)));
        Assert.Contains("Exited", error.Message);
        Assert.Throws<InvalidOperationException>(() => enrollment.Complete(Now.AddMinutes(1)));
    }
}
