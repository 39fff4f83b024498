using System.Text;

namespace RevenueAngel.Tests.Leads;

public static class LeadCsvFiles
{
    /// A header and `rows` leads; every `badEvery`-th row has no valid email.
    public static string Generated(int rows, int badEvery = 0, string domain = "example.com")
    {
        var csv = new StringBuilder("email,name,utm_source,consent\n", rows * 48);
        for (var i = 1; i <= rows; i++)
        {
            var email = badEvery > 0 && i % badEvery == 0 ? "not-an-email" : $"lead{i}@{domain}";
            csv.Append(email).Append(",Lead ").Append(i).Append(",campaign").Append(i % 7).Append(',').Append(i % 2 == 0 ? "yes" : "no").Append('\n');
        }
        return csv.ToString();
    }
}
