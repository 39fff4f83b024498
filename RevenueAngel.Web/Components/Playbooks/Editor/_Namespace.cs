namespace RevenueAngel.Web.Components.Playbooks.Editor;
