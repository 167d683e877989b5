namespace Caro.Modules.Workbook.Contracts;

/// <summary>Workbook's public API: decks and their cards.</summary>
public interface IWorkbookService
{
    Task<DeckDto> CreateDeckAsync(
        long memberId,
        string name,
        string? description,
        CancellationToken cancellationToken
    );

    Task<IReadOnlyList<DeckDto>> GetDecksAsync(long memberId, CancellationToken cancellationToken);

    Task<DeckDto?> GetDeckAsync(long deckId, CancellationToken cancellationToken);

    /// <summary>
    /// The one "deck belongs to member" check: the deck when both exist and the member owns it;
    /// 404 ApiException for an unknown member (checked first) or deck, 400 INVALID_REQUEST for another member's deck.
    /// </summary>
    Task<DeckDto> GetMemberDeckAsync(
        long memberId,
        long deckId,
        CancellationToken cancellationToken
    );

    /// <summary>Deletes the deck and its cards; 404 ApiException when missing.</summary>
    Task DeleteDeckAsync(long deckId, CancellationToken cancellationToken);

    /// <summary>404 ApiException when the deck is missing.</summary>
    Task<CardDto> CreateCardAsync(
        long deckId,
        string front,
        string back,
        CancellationToken cancellationToken
    );

    Task<IReadOnlyList<CardDto>> GetCardsAsync(long deckId, CancellationToken cancellationToken);

    Task<CardDto?> GetCardAsync(long cardId, CancellationToken cancellationToken);

    Task DeleteCardAsync(long cardId, CancellationToken cancellationToken);

    /// <summary>Creates all cards in one save; 404 ApiException when the deck is missing.</summary>
    Task<IReadOnlyList<CardDto>> CreateCardsBulkAsync(
        long deckId,
        IReadOnlyList<CardContent> cards,
        CancellationToken cancellationToken
    );
}

public sealed record DeckDto(
    long Id,
    long MemberId,
    string Name,
    string? Description,
    DateTime CreatedAt
);

public sealed record CardDto(long Id, long DeckId, string Front, string Back, DateTime CreatedAt);

public sealed record CardContent(string Front, string Back);
