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
    public void Configure(EntityTypeBuilder<MemberEntity> builder)
    {
        builder.ToTable("members");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Email).HasMaxLength(255).IsRequired();
        builder.Property(m => m.Nickname).HasMaxLength(255).IsRequired();
        builder.HasIndex(m => m.Email).IsUnique();
    }
}
