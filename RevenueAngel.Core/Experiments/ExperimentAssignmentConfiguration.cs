using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RevenueAngel.Core.Companies;
using RevenueAngel.Core.Persistence;

namespace RevenueAngel.Core.Experiments;

internal sealed class ExperimentAssignmentConfiguration : IEntityTypeConfiguration<ExperimentAssignment>
{
    public void Configure(EntityTypeBuilder<ExperimentAssignment> builder)
    {
        builder.HasKey(a => new { a.CompanyId, a.ExperimentKey, a.SubjectKind, a.SubjectId });
        builder.Property(a => a.CompanyId).HasMaxLength(64);
        builder.Property(a => a.ExperimentKey).HasMaxLength(100);
        builder.Property(a => a.SubjectKind).HasStoredEnum();
        builder.Property(a => a.Group).HasMaxLength(32);
        builder.HasOne<Company>().WithMany().HasForeignKey(a => a.CompanyId);
    }
}
