namespace Caro.Modules.Member.Contracts;

/// <summary>Member's public API for other modules.</summary>
public interface IMemberService
{
    Task<MemberDto?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>The member; a 404 ApiException for an unknown one (the one "member must exist" check).</summary>
    Task<MemberDto> RequireAsync(long id, CancellationToken cancellationToken);

    /// <summary>Finds the member whose email equals <paramref name="email"/> case-insensitively.</summary>
    Task<MemberDto?> GetByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the email lower-case; throws a 409 ApiException when that address exists,
    /// whatever its case.
    /// </summary>
    Task<MemberDto> CreateAsync(string email, string nickname, CancellationToken cancellationToken);

    /// <summary>Throws a 404 ApiException for an unknown member.</summary>
    Task<MemberDto> UpdateNicknameAsync(
        long id,
        string nickname,
        CancellationToken cancellationToken
    );
}

public sealed record MemberDto(long Id, string Email, string Nickname, DateTime CreatedAt);
