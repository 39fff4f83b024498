using RevenueAngel.Core.Demo;

namespace RevenueAngel.Web.Access;

/// Decides whether the current user may see a company's pages. Today only the demo company is open
/// (in demo mode); Whop iframe authentication adds admins of their own companies.
public sealed class CompanyAccess(DemoMode demoMode)
{
    public bool CanView(string companyId) => demoMode.IsDemoCompany(companyId);
}
