using RevenueAngel.Core.Companies;

namespace RevenueAngel.Web.Access;

/// A company asked about inside a circuit, where there is no HTTP request: the check leaves its answer here.
public sealed class CompanyResource(string companyId)
{
    public string CompanyId { get; } = companyId;
    public CompanyAccessResult? Result { get; internal set; }
}

/// An experience asked about inside a circuit.
public sealed class ExperienceResource(string experienceId)
{
    public string ExperienceId { get; } = experienceId;
    public AccessDecision? Decision { get; internal set; }
}
