using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caro.Modules.Member.Internal;

internal sealed class MemberEntity
{
    public long Id { get; set; }
    public string Email { get; set; } = "";
    public string Nickname { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<MemberEntity>
{
    public const int EmailMaxLength = 255;

    /// <summary>Compares exactly what Caro stores (normalised by MemberService): the same rule as InMemory.</summary>
    public const string EmailCollation = "utf8mb4_bin";

    public void Configure(EntityTypeBuilder<MemberEntity> builder)
    {
        builder.ToTable("members");
        builder.HasKey(m => m.Id);
        builder
            .Property(m => m.Email)
            .HasMaxLength(EmailMaxLength)
            .UseCollation(EmailCollation)
            .IsRequired();
        builder.Property(m => m.Nickname).HasMaxLength(255).IsRequired();
        builder.HasIndex(m => m.Email).IsUnique();
    }
}
