using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caro.Modules.Workbook.Internal;

internal sealed class DeckEntity
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class CardEntity
{
    public long Id { get; set; }
    public long DeckId { get; set; }
    public string Front { get; set; } = "";
    public string Back { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class DeckConfiguration : IEntityTypeConfiguration<DeckEntity>
{
    public void Configure(EntityTypeBuilder<DeckEntity> builder)
    {
        builder.ToTable("decks");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Name).HasMaxLength(255).IsRequired();
        builder.Property(d => d.Description).HasMaxLength(255);
        builder.HasIndex(d => d.MemberId);
    }
}

internal sealed class CardConfiguration : IEntityTypeConfiguration<CardEntity>
{
    public void Configure(EntityTypeBuilder<CardEntity> builder)
    {
        builder.ToTable("cards");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Front).HasMaxLength(2000).IsRequired();
        builder.Property(c => c.Back).HasMaxLength(2000).IsRequired();
        builder
            .HasOne<DeckEntity>()
            .WithMany()
            .HasForeignKey(c => c.DeckId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
