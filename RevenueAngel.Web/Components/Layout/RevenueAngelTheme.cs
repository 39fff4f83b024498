using MudBlazor;

namespace RevenueAngel.Web.Components.Layout;

internal static class RevenueAngelTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#5b3df5",
            Secondary = "#0ea5e9",
            Success = "#16a34a",
            AppbarBackground = "#ffffff",
            AppbarText = "#1f2937",
            Background = "#f7f7fb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8b7bff",
            Secondary = "#38bdf8",
            Success = "#22c55e",
            AppbarBackground = "#1e1e2d",
            AppbarText = "#e5e7eb",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };
}
