using Caro.Modules.Member.Contracts;
using Caro.Modules.Member.Internal;

namespace Caro.Modules.Member;

/// <summary>Member: accounts (email unique, nickname).</summary>
public static class MemberModule
{
    public static IServiceCollection AddMemberModule(this IServiceCollection services) =>
        services.AddSingleton<MemberLocks>().AddScoped<IMemberService, MemberService>();

    public static void MapMemberEndpoints(this IEndpointRouteBuilder app) =>
        MemberEndpoints.Map(app);
}
