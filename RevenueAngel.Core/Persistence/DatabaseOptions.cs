using System.ComponentModel.DataAnnotations;

namespace RevenueAngel.Core.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "RevenueAngel";

    /// The embedded database used when ConnectionStrings:RevenueAngel is not set; relative to the content root.
    [Required]
    public string SqlitePath { get; set; } = "data/revenueangel.db";

    /// Off when migrations are applied by a separate release step.
    public bool MigrateOnStartup { get; set; } = true;
}
