using Caro.Modules.Member.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Concurrency;
using Caro.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Caro.Modules.Member.Internal;

internal sealed class MemberService(
    IDbContextFactory<CaroDbContext> factory,
    TimeProvider clock,
    MemberLocks locks
) : IMemberService
{
    public async Task<MemberDto?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.Set<MemberEntity>()
            .AsNoTracking()
            .FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return member is null ? null : ToDto(member);
    }

    public async Task<MemberDto> RequireAsync(long id, CancellationToken cancellationToken) =>
        await GetAsync(id, cancellationToken) ?? throw ApiException.NotFound("Member", id);

    public async Task<MemberDto?> GetByEmailAsync(string email, CancellationToken cancellationToken)
    {
        email = Normalize(email);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = await db.Set<MemberEntity>()
            .AsNoTracking()
            .FirstOrDefaultAsync(m => m.Email == email, cancellationToken);
        return member is null || member.Email != email ? null : ToDto(member);
    }

    public async Task<MemberDto> CreateAsync(
        string email,
        string nickname,
        CancellationToken cancellationToken
    )
    {
        email = Normalize(email);
        // The unique index guards MySQL; the in-process lock also guards InMemory (which has no unique indexes).
        using var _ = await locks.Create.AcquireAsync(email, cancellationToken);
        if (await GetByEmailAsync(email, cancellationToken) is not null)
        {
            throw ApiException.Duplicate("Member", "email", email);
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member = new MemberEntity
        {
            Email = email,
            Nickname = nickname,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(member);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (DbConflict.IsConflict(exception))
        {
            throw ApiException.Duplicate("Member", "email", email);
        }
        return ToDto(member);
    }

    public async Task<MemberDto> UpdateNicknameAsync(
        long id,
        string nickname,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var member =
            await db.Set<MemberEntity>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw ApiException.NotFound("Member", id);
        member.Nickname = nickname;
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(member);
    }

    /// <summary>
    /// The one email rule on every storage: addresses are stored and compared lower-case (invariant
    /// Unicode case mapping), otherwise exactly. The column's binary collation keeps MySQL from folding
    /// anything else (e.g. accents), which InMemory would not do.
    /// </summary>
    public static string Normalize(string email) => email.ToLowerInvariant();

    private static MemberDto ToDto(MemberEntity member) =>
        new(member.Id, member.Email, member.Nickname, member.CreatedAt);
}

/// <summary>Process-wide lock for member creation (singleton).</summary>
internal sealed class MemberLocks
{
    public StripedLock Create { get; } = new(64);
}
