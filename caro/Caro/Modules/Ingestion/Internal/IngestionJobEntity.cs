using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caro.Modules.Ingestion.Internal;

/// <summary>A job's status, stored with the other data (survives restarts on MySQL).</summary>
internal sealed class IngestionJobEntity
{
    public string Id { get; set; } = "";
    public long MemberId { get; set; }
    public long DeckId { get; set; }
    public string Status { get; set; } = "";
    public string? Message { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class IngestionJobConfiguration : IEntityTypeConfiguration<IngestionJobEntity>
{
    public void Configure(EntityTypeBuilder<IngestionJobEntity> builder)
    {
        builder.ToTable("ingestion_jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasMaxLength(36);
        builder.Property(j => j.Status).HasMaxLength(16).IsRequired();
        builder.Property(j => j.Message).HasMaxLength(500);
        builder.Property(j => j.Version).IsConcurrencyToken();
        builder.HasIndex(j => j.Status);
    }
}
