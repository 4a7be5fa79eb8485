using IpShield.SharedKernel.Access;
using IpShield.Identity.Accounts;
using IpShield.Identity.Auditing;
using IpShield.SharedKernel.Auditing;
using IpShield.SharedKernel.GraphQL;
using IpShield.SharedKernel.GraphQL.Schema;
using IpShield.Identity.Domain;
using IpShield.Identity.Contracts;
using IpShield.Identity.Features.ChangeMyMailSettings;
using IpShield.Identity.Features.ChangePersonAccess;
using IpShield.Identity.Mail;
using IpShield.Identity.Features.CreatePerson;
using IpShield.Identity.Features.DisablePerson;
using IpShield.Identity.Features.RegisterClient;
using IpShield.SharedKernel.GraphQL.Http;
using IpShield.Identity.Features.RegisterTrustedDocuments;
using IpShield.Identity.Features.RevokeClient;
using IpShield.Identity.Features.RotateClientSecret;
using IpShield.Identity.Persistence;
using IpShield.Identity.Server;
using IpShield.Identity.Server.TokenChecks;
using IpShield.SharedKernel.Modules;
using IpShield.SharedKernel.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Core;
using OpenIddict.Server;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IpShield.Identity;

/// <summary>
/// Identity's one door: the OpenID Connect server (OpenIddict), people and roles (ASP.NET Core Identity), bearer-token
/// validation for the GraphQL API, and the sign-in page.
/// </summary>
public static class IdentityModule
{
    public static IServiceCollection AddIdentityModule(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = PlatformIdentityOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton<ValidatedTokenEntries>();
        services.AddSingleton<VerifiedTokens>();
        services.AddSingleton<IAccessTokenValidator, AccessTokenValidator>();
        services.AddModuleDbContext<PlatformIdentityDbContext>();

        services.AddIdentity<PlatformUser, IdentityRole<Guid>>(identity =>
            {
                identity.User.RequireUniqueEmail = false;
                identity.Password.RequiredLength = 10;
                // Length over composition rules (NIST SP 800-63B).
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequireDigit = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireLowercase = false;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                identity.ClaimsIdentity.UserNameClaimType = Claims.Name;
                identity.ClaimsIdentity.RoleClaimType = Claims.Role;
            })
            .AddEntityFrameworkStores<PlatformIdentityDbContext>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPage.Path;
            cookie.Cookie.Name = "ipshield.signin";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        // The API authenticates bearer tokens only; the sign-in cookie matters to the authorization endpoint alone.
        services.AddAuthentication(authentication =>
        {
            authentication.DefaultScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            authentication.DefaultAuthenticateScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            authentication.DefaultChallengeScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
        });
        services.AddAntiforgery();

        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<PlatformIdentityDbContext>().ReplaceDefaultEntities<Guid>();
                // Revocations made by this host reach the remembered token checks at once.
                core.ReplaceTokenManager(typeof(RevocationAwareTokenManager<>)).ReplaceAuthorizationManager(typeof(RevocationAwareAuthorizationManager<>));
            })
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetRevocationEndpointUris("connect/revoke");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                // PKCE with S256 only (OAuth 2.0 Security BCP): "plain" is refused and not advertised in discovery.
                server.Configure(o => o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, .. PlatformScopes.ApiScopes]);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(options.RefreshTokenLifetime)
                    .SetAuthorizationCodeLifetime(options.AuthorizationCodeLifetime)
                    .SetRefreshTokenReuseLeeway(options.RefreshTokenReuseLeeway);
                if (options.Issuer is { } issuer)
                {
                    server.SetIssuer(issuer);
                }

                SigningKeys.Configure(server, options, environment);
                var aspNetCore = server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough();
                if (options.AllowHttp)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(PlatformScopes.Resource);
                // Every access token is checked against its stored entry and authorization, so revoking it takes effect:
                // at once on this host, within Identity:TokenEntryCacheLifetime on the others (ADR 0008).
                validation.EnableTokenEntryValidation();
                validation.EnableAuthorizationEntryValidation();
                foreach (var replaced in RememberedTokenEntryCheck.Replaced)
                {
                    validation.RemoveEventHandler(replaced);
                }

                validation.AddEventHandler(RememberedTokenEntryCheck.Descriptor);
                validation.RemoveEventHandler(ReferenceTokenLookup.Replaced);
                validation.AddEventHandler(ReferenceTokenLookup.Descriptor);
                foreach (var step in VerifiedTokens.Descriptors)
                {
                    validation.AddEventHandler(step);
                }
                validation.UseAspNetCore();
            });

        // One clock for issuing and validating tokens (tests move it to expire tokens).
        services.AddOptions<OpenIddictCoreOptions>().Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);
        services.AddOptions<OpenIddictServerOptions>().Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);
        services.AddOptions<OpenIddictValidationOptions>().Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);

        services.AddSingleton<IAuditLog, AuditLogWriter>();
        services.AddPlatformAuditing();
        services.AddGraphTypesFrom(typeof(IdentityModule).Assembly);
        services.AddSingleton<IQueryFieldContribution, AuditLogQuery>();
        services.AddSingleton<IMutationFieldContribution, CreatePersonMutation>();
        services.AddSingleton<IMutationFieldContribution, ChangePersonAccessMutation>();
        services.AddSingleton<IMutationFieldContribution, DisablePersonMutation>();
        services.AddSingleton<IMutationFieldContribution, RegisterClientMutation>();
        services.AddSingleton<IMutationFieldContribution, RegisterTrustedDocumentsMutation>();
        services.AddSingleton<ClientTrustedDocuments>();
        services.AddSingleton<ITrustedDocuments>(sp => sp.GetRequiredService<ClientTrustedDocuments>());
        services.AddSingleton<IMutationFieldContribution, RotateClientSecretMutation>();
        services.AddSingleton<IMutationFieldContribution, RevokeClientMutation>();
        services.AddScoped<IMachineClientDirectory, MachineClientDirectory>(); // webhooks deliver under the client's access (ADR 0024)

        services.AddTypeExtension<Schema.ViewerDisplayName>();
        // Mail settings, the people the daily deadline digest goes to, and its off link (ADR 0023).
        services.AddTypeExtension<Schema.ViewerMailSettings>();
        services.AddSingleton<IMutationFieldContribution, ChangeMyMailSettingsMutation>();
        services.AddSingleton<IPeopleDirectory, PeopleDirectory>();
        services.AddSingleton<IDemoData, IdentityDemoData>();
        return services;
    }

    /// <summary>The sign-in page and the OpenID Connect endpoints the application answers itself.</summary>
    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ConnectEndpoints.Map(endpoints);
        LoginPage.Map(endpoints);
        DigestOffPage.Map(endpoints);
        return endpoints;
    }

    /// <summary>Registers the platform's scopes, the web front end's client and the configured operator client (idempotent).</summary>
    public static Task InitializeIdentityAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        PlatformClients.EnsureAsync(services, cancellationToken);
}
