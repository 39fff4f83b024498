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
            Background = "#f7f7fb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8b7bff",
            Secondary = "#38bdf8",
            Success = "#22c55e",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };
}
