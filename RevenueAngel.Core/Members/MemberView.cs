namespace RevenueAngel.Core.Members;

/// What a member sees in our app's experience: their community and memberships there.
public sealed record MemberView(string CompanyName, string? MemberName, IReadOnlyList<MemberView.MembershipLine> Memberships, string? ManageUrl)
{
    public sealed record MembershipLine(string PlanTitle, string Status, bool CancelAtPeriodEnd, DateTimeOffset? RenewalPeriodEnd);
}
