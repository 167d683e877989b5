using Caro.Modules.Member.Contracts;
using Caro.Modules.Workbook.Contracts;
using Caro.Shared.Api;
using Caro.Shared.Concurrency;
using Caro.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Caro.Modules.Workbook.Internal;

/// <summary>
/// Decks and cards. Every write re-reads what it changes inside <see cref="DbConflict.RetryAsync{T}"/>, so the
/// loser of a race (a row deleted meanwhile, a deck deleted under a new card) answers 404 as a sequential
/// client would. Card creation and deck deletion take the deck's in-process lock: the InMemory provider
/// has no foreign keys, and without it a card could be added to a deck being deleted and outlive it
/// (on MySQL the foreign key also guards against other instances).
/// </summary>
internal sealed class WorkbookService(
    IDbContextFactory<CaroDbContext> factory,
    TimeProvider clock,
    WorkbookLocks locks,
    IMemberService members
) : IWorkbookService
{
    public async Task<DeckDto> CreateDeckAsync(
        long memberId,
        string name,
        string? description,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var deck = new DeckEntity
        {
            MemberId = memberId,
            Name = name,
            Description = description,
            CreatedAt = Now(),
        };
        db.Add(deck);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(deck);
    }

    public async Task<IReadOnlyList<DeckDto>> GetDecksAsync(
        long memberId,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var decks = await db.Set<DeckEntity>()
            .AsNoTracking()
            .Where(d => d.MemberId == memberId)
            .OrderBy(d => d.Id)
            .ToListAsync(cancellationToken);
        return decks.Select(ToDto).ToList();
    }

    public async Task<DeckDto?> GetDeckAsync(long deckId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var deck = await db.Set<DeckEntity>()
            .AsNoTracking()
            .FirstOrDefaultAsync(d => d.Id == deckId, cancellationToken);
        return deck is null ? null : ToDto(deck);
    }

    public async Task<DeckDto> GetMemberDeckAsync(
        long memberId,
        long deckId,
        CancellationToken cancellationToken
    )
    {
        await members.RequireAsync(memberId, cancellationToken);
        var deck =
            await GetDeckAsync(deckId, cancellationToken)
            ?? throw ApiException.NotFound("Deck", deckId);
        return deck.MemberId == memberId
            ? deck
            : throw ApiException.Invalid($"Deck {deckId} does not belong to member {memberId}");
    }

    public async Task DeleteDeckAsync(long deckId, CancellationToken cancellationToken)
    {
        using var _ = await locks.Decks.AcquireAsync(deckId, cancellationToken);
        await DbConflict.RetryAsync(
            factory,
            async db =>
            {
                var deck =
                    await db.Set<DeckEntity>()
                        .FirstOrDefaultAsync(d => d.Id == deckId, cancellationToken)
                    ?? throw ApiException.NotFound("Deck", deckId);
                db.RemoveRange(
                    await db.Set<CardEntity>()
                        .Where(c => c.DeckId == deckId)
                        .ToListAsync(cancellationToken)
                );
                db.Remove(deck);
                return await db.SaveChangesAsync(cancellationToken);
            },
            cancellationToken
        );
    }

    public async Task<CardDto> CreateCardAsync(
        long deckId,
        string front,
        string back,
        CancellationToken cancellationToken
    ) => (await CreateCardsBulkAsync(deckId, [new CardContent(front, back)], cancellationToken))[0];

    public async Task<IReadOnlyList<CardDto>> GetCardsAsync(
        long deckId,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var cards = await db.Set<CardEntity>()
            .AsNoTracking()
            .Where(c => c.DeckId == deckId)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return cards.Select(ToDto).ToList();
    }

    public async Task<CardDto?> GetCardAsync(long cardId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var card = await db.Set<CardEntity>()
            .AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == cardId, cancellationToken);
        return card is null ? null : ToDto(card);
    }

    public Task DeleteCardAsync(long cardId, CancellationToken cancellationToken) =>
        DbConflict.RetryAsync(
            factory,
            async db =>
            {
                var card =
                    await db.Set<CardEntity>()
                        .FirstOrDefaultAsync(c => c.Id == cardId, cancellationToken)
                    ?? throw ApiException.NotFound("Card", cardId);
                db.Remove(card);
                return await db.SaveChangesAsync(cancellationToken);
            },
            cancellationToken
        );

    public async Task<IReadOnlyList<CardDto>> CreateCardsBulkAsync(
        long deckId,
        IReadOnlyList<CardContent> cards,
        CancellationToken cancellationToken
    )
    {
        using var _ = await locks.Decks.AcquireAsync(deckId, cancellationToken);
        return await DbConflict.RetryAsync(
            factory,
            async db =>
            {
                if (!await db.Set<DeckEntity>().AnyAsync(d => d.Id == deckId, cancellationToken))
                {
                    throw ApiException.NotFound("Deck", deckId);
                }
                var now = Now();
                var entities = cards
                    .Select(c => new CardEntity
                    {
                        DeckId = deckId,
                        Front = c.Front,
                        Back = c.Back,
                        CreatedAt = now,
                    })
                    .ToList();
                db.AddRange(entities);
                await db.SaveChangesAsync(cancellationToken);
                return (IReadOnlyList<CardDto>)entities.Select(ToDto).ToList();
            },
            cancellationToken
        );
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static DeckDto ToDto(DeckEntity deck) =>
        new(deck.Id, deck.MemberId, deck.Name, deck.Description, deck.CreatedAt);

    private static CardDto ToDto(CardEntity card) =>
        new(card.Id, card.DeckId, card.Front, card.Back, card.CreatedAt);
}

/// <summary>Process-wide deck locks (singleton): card creation and deck deletion of one deck never interleave.</summary>
internal sealed class WorkbookLocks
{
    public StripedLock Decks { get; } = new(256);
}
