namespace RevenueAngel.Web.Components.Playbooks.List;
