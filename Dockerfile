# syntax=docker/dockerfile:1
# Build: docker build -t revenueangel .
# Run:   docker run -p 8080:8080 -e ConnectionStrings__RevenueAngel="Host=…;Database=…" \
#          -e Whop__ApiKey=… -e Whop__AppId=app_… -e Whop__WebhookSecrets__0=ws_… revenueangel

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY RevenueAngel.Core/RevenueAngel.Core.csproj RevenueAngel.Core/
COPY RevenueAngel.Web/RevenueAngel.Web.csproj RevenueAngel.Web/
RUN dotnet restore RevenueAngel.Web/RevenueAngel.Web.csproj
COPY RevenueAngel.Core/ RevenueAngel.Core/
COPY RevenueAngel.Web/ RevenueAngel.Web/
RUN dotnet publish RevenueAngel.Web/RevenueAngel.Web.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# The embedded SQLite database lives here unless ConnectionStrings__RevenueAngel points at PostgreSQL. The image holds no
# demo code (its project is neither copied nor published), so demo mode refuses to start in it.
RUN mkdir -p /app/data && chown app:app /app/data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true \
    Database__SqlitePath=/app/data/revenueangel.db
USER app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS http://localhost:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "RevenueAngel.Web.dll"]
