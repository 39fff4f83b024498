using RevenueAngel.Web.Access;

namespace RevenueAngel.Web.Components.Playbooks;

public static class PlaybookRoutes
{
    public static string List(string companyId) => $"{CompanyRoute.Dashboard(companyId)}/playbooks";

    public static string New(string companyId) => $"{List(companyId)}/new";

    public static string Edit(string companyId, long playbookId) => $"{List(companyId)}/{playbookId}";
}
