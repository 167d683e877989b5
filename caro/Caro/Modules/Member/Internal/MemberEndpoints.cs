using Caro.Modules.Member.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Settings;
using Caro.Shared.Validation;

namespace Caro.Modules.Member.Internal;

internal static class MemberEndpoints
{
    public sealed record CreateMemberRequest(string Email, string Nickname);

    public sealed record UpdateNicknameRequest(string Nickname);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/members").WithTags("Member");
        // Mapped on the app: an empty pattern inside a group would make the route "/api/members/".
        app.MapPost("/api/members", CreateAsync)
            .WithTags("Member")
            .Accepts<CreateMemberRequest>("application/json")
            .Produces<ApiEnvelope<MemberDto>>(201);
        group.MapGet("/{id}", GetAsync).Produces<ApiEnvelope<MemberDto>>();
        group
            .MapPatch("/{id}/nickname", UpdateNicknameAsync)
            .Accepts<UpdateNicknameRequest>("application/json")
            .Produces<ApiEnvelope<MemberDto>>();
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context,
        IMemberService members,
        CaroSettings settings
    )
    {
        var body = await JsonBody.ReadAsync(context, settings.MaxRequestBodyBytes);
        var email = body.Email("email");
        var nickname = body.String("nickname", required: true);
        body.ThrowIfInvalid();
        return ApiResults.Created(
            await members.CreateAsync(email!, nickname!, context.RequestAborted)
        );
    }

    private static async Task<IResult> GetAsync(HttpContext context, IMemberService members)
    {
        var id = RequestValues.RouteId(context, "id");
        return ApiResults.Ok(await members.RequireAsync(id, context.RequestAborted));
    }

    private static async Task<IResult> UpdateNicknameAsync(
        HttpContext context,
        IMemberService members,
        CaroSettings settings
    )
    {
        var id = RequestValues.RouteId(context, "id");
        var body = await JsonBody.ReadAsync(context, settings.MaxRequestBodyBytes);
        var nickname = body.String("nickname", required: true);
        body.ThrowIfInvalid();
        return ApiResults.Ok(
            await members.UpdateNicknameAsync(id, nickname!, context.RequestAborted)
        );
    }
}
