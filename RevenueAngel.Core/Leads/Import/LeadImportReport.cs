namespace RevenueAngel.Core.Leads.Import;

/// What an import did. Created are new leads; Updated are existing leads it filled in (a name, a UTM source, consent);
/// Unchanged matched an existing lead and had nothing new. BadRows lists the first <see cref="LeadImportLimits.ReportedBadRows"/>
/// bad rows by line; BadRowCount counts them all.
public sealed record LeadImportReport(int RowsRead, int Created, int Updated, int Unchanged, int BadRowCount,
    IReadOnlyList<BadLeadRow> BadRows, LeadImportMapping Mapping)
{
    public bool BadRowsTruncated => BadRowCount > BadRows.Count;
}

/// A row that was not imported: its line in the file (1 = the header) and why.
public sealed record BadLeadRow(long Line, string Reason);
